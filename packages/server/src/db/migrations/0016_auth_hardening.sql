-- Intentionally empty: reserved for the login hardening of issue 8, which needed no schema change
-- (failures are counted atomically in the existing users columns). Kept so that databases that ran it stay known.
select 1;
