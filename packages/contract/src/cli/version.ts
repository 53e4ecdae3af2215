/** The package's version, set by the build (tsup's `define`); `0.0.0-dev` when run from the sources. */
declare const __PACKAGE_VERSION__: string | undefined;
export const PACKAGE_VERSION = typeof __PACKAGE_VERSION__ === 'string' ? __PACKAGE_VERSION__ : '0.0.0-dev';

/** How messages name the contract the CLI was built with, so a line number is read in the right file. */
export const BUILT_IN_CONTRACT = `built-in contract ${PACKAGE_VERSION}`;
