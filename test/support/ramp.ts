/** `count` consecutive values from `from`: samples whose order and loss are visible at a glance. */
export const ramp = (from: number, count: number) => Float32Array.from({ length: count }, (_, i) => from + i);
