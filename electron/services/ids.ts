import { v7 } from 'uuid';

/** Time-ordered ids: they sort by creation and never collide between desks that later sync. */
export const newId = (): string => v7();
