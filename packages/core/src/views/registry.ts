/**
 * The one memo of a client's views. A view is made once per kind and arguments and handed to
 * everyone who asks for the same again, so every element showing a board (its list, its roadmap,
 * its changelog) shares one view and one fetch.
 */
export interface ViewRegistry {
  /**
   * The view of `kind` for `args`, made by `create` the first time it is asked for. `kind` is
   * compared by identity, `args` as JSON (so they must be plain data).
   */
  get<V>(kind: unknown, args: unknown, create: () => V): V;
  /** The view of `kind` for `args` if one was made already; never makes one. */
  peek<V>(kind: unknown, args: unknown): V | undefined;
}

export function createViewRegistry(): ViewRegistry {
  const views = new Map<unknown, Map<string, unknown>>();
  const keyOf = (args: unknown) => JSON.stringify(args) ?? '';

  const peek = <V>(kind: unknown, args: unknown) => views.get(kind)?.get(keyOf(args)) as V | undefined;

  const get = <V>(kind: unknown, args: unknown, create: () => V): V => {
    const key = keyOf(args);
    let ofKind = views.get(kind);
    if (!ofKind) views.set(kind, (ofKind = new Map()));
    if (!ofKind.has(key)) ofKind.set(key, create());
    return ofKind.get(key) as V;
  };

  return { get, peek };
}
