-- Reserved slot; hand-written migration (see docs/deployment.md).
select 1;
