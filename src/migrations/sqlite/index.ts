import * as migration_20261124_175618_initial from './20261124_175618_initial';

export const migrations = [
  {
    up: migration_20261124_175618_initial.up,
    down: migration_20261124_175618_initial.down,
    name: '20261124_175618_initial'
  },
];
