import { runAdapterSuite } from '@sayso/core/testing';
import { addMemoryBoard, createMemoryAdapter, createMemoryData } from './index.js';

runAdapterSuite('memory', async () => {
  const data = createMemoryData();
  let boards = 0;
  return {
    createBoard: async () => addMemoryBoard(data, { slug: `board-${++boards}` }).slug,
    adapterFor: (voterId) => createMemoryAdapter({ data, voterId }),
  };
});
