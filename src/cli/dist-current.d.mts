/** Returns whether the build in `root`/dist (stamped dist/.construit) is at least as new as every source file. */
export function distIsCurrent(root: string): boolean;
