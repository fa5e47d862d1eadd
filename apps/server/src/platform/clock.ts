import { Injectable } from '@nestjs/common';

/** The only place the server reads the time; deciders get it as the command's `now`. */
@Injectable()
export class Clock {
  now(): string {
    return new Date().toISOString();
  }
}
