// Runs in every test file: close any server a failed test left open, so jest can exit.
import { afterAll } from '@jest/globals';
import { closeOpenServers } from './helpers.js';

afterAll(closeOpenServers);
