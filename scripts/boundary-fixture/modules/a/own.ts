export const s = 3;
