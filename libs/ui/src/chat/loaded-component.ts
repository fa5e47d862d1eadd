import {
  type ComponentRef,
  Directive,
  PendingTasks,
  type Signal,
  type Type,
  ViewContainerRef,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';

/**
 * A component loaded as its own chunk the first time `needed()` holds, so that what the first paint does
 * not show stays out of an app's initial bundle (`@defer` would split it too, but its runtime weighs more
 * than the small pieces loaded this way). A failed load is tried again the next time the piece is needed.
 */
export function loadedWhen(needed: () => boolean, load: () => Promise<Type<unknown>>): Signal<Type<unknown> | undefined> {
  const component = signal<Type<unknown> | undefined>(undefined);
  // The app is not stable while a chunk is on its way (whenStable waits for the piece, not only for its slot).
  const pending = inject(PendingTasks);
  let asked = false;
  effect(() => {
    if (asked || !needed()) return;
    asked = true;
    pending.run(() =>
      load().then(
        (loaded) => component.set(loaded),
        () => (asked = false),
      ),
    );
  });
  return component.asReadonly();
}

function setInputs(ref: ComponentRef<unknown>, inputs: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(inputs)) ref.setInput(name, value);
}

/**
 * Renders a component given as a value, here, with `kefuLoadedInputs` kept set on it; `kefuLoadedCreated` hands
 * over the new instance (to listen to its outputs). NgComponentOutlet does this too, at ~2 kB of the initial
 * bundle, and `createComponent`'s `bindings` pull in ~4 kB more of Angular than setInput does.
 */
@Directive({ selector: '[kefuLoaded]' })
export class LoadedComponent {
  readonly kefuLoaded = input.required<Type<unknown>>();
  readonly kefuLoadedInputs = input<Record<string, unknown>>({});
  readonly kefuLoadedCreated = output<unknown>();

  constructor() {
    const slot = inject(ViewContainerRef);
    const created = signal<ComponentRef<unknown> | undefined>(undefined);
    effect(() => {
      const component = this.kefuLoaded();
      slot.clear();
      const ref = slot.createComponent(component);
      untracked(() => {
        setInputs(ref, this.kefuLoadedInputs());
        this.kefuLoadedCreated.emit(ref.instance);
      });
      created.set(ref);
    });
    // Later changes of the inputs (the first ones are set before the component's first check).
    effect(() => {
      const ref = created();
      const inputs = this.kefuLoadedInputs();
      if (ref) setInputs(ref, inputs);
    });
  }
}
