/** Jest globalTeardown: stops what jest-global-setup started and unsets the variables it set. */
declare function globalTeardown(): Promise<void>;
export = globalTeardown;
