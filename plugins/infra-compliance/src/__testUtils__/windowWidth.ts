/** jsdom has no matchMedia: answers the width queries as a window this wide. */
export function mockWindowWidth(width: number) {
  window.matchMedia = (query: string) => {
    const min = /min-width:\s*([\d.]+)px/.exec(query);
    const max = /max-width:\s*([\d.]+)px/.exec(query);
    const matches =
      (!min || width >= Number(min[1])) && (!max || width <= Number(max[1]));
    return {
      matches,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    };
  };
}

/** Removes mockWindowWidth's stand-in. */
export function restoreWindowWidth() {
  // @ts-expect-error jsdom has none: remove the stand-in.
  delete window.matchMedia;
}
