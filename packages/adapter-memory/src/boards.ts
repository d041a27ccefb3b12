import type { SaysoAdapter } from '@sayso/core';
import type { MemoryVisitor } from './visitor.js';

export function boardOperations({ data, settle, boardOf }: MemoryVisitor): Pick<SaysoAdapter, 'listBoards' | 'getBoard'> {
  return {
    listBoards: () => settle(() => [...data.boards.values()]),
    getBoard: ({ board }) => settle(() => boardOf(board)),
  };
}
