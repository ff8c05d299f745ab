import type { satisfactionFiguresCalls } from '../../api/satisfaction-figures';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';
import { satisfactionFigures } from './service';

export function satisfactionFiguresHandlers({ db }: ServiceDependencies): AreaHandlers<typeof satisfactionFiguresCalls> {
  return {
    'satisfactionFigures.figures': (input, context) => satisfactionFigures(db, input, context),
  };
}
