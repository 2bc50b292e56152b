// The app model, handed to every panel through React context rather than prop chains.
import { createContext, useContext } from 'react';
import type { AppModel, AppState } from '../state/app-model';
import { useStore } from '../state/store';

export const ModelContext = createContext<AppModel | null>(null);

export function useModel(): AppModel {
  const model = useContext(ModelContext);
  if (model === null) throw new Error('useModel outside <ModelContext.Provider>');
  return model;
}

export function useAppState<S>(selector: (state: AppState) => S, equal?: (a: S, b: S) => boolean): S {
  return useStore(useModel().store, selector, equal);
}
