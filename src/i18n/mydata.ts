export const en = {};

export const ko: typeof en = {};
