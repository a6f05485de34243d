// What the browser code finds on window besides the DOM: our namespace, the manifest script's
// global, Material's document$ (the one Material internal used) and CommonJS for node --test.
interface Window {
  AP: any;
  AP_MANIFEST?: { hash: string; data: any };
  document$?: { subscribe(fn: () => void): unknown };
}
declare var AP: any;
declare var module: { exports: any } | undefined;
declare function require(name: string): any;
