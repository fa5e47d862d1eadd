import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { SessionStore } from '@kefu/ui';
import { LoginPage } from './login/login-page';
import { Workspace } from './workspace/workspace';

/** One screen or the other: a 401 clears the session and this falls back to the login form. */
@Component({
  selector: 'kefu-agent-root',
  imports: [LoginPage, Workspace],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (session.signedIn()) {
      <kefu-workspace />
    } @else {
      <kefu-agent-login />
    }
  `,
})
export class App {
  protected readonly session = inject(SessionStore);
}
