/** A mebibyte: the memory tests write their figures in it. */
export const MIB = 1024 * 1024;
