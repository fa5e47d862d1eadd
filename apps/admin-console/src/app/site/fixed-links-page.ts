import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { AdminLimits, type FixedLinkRequest, type FixedLinkTarget, type FixedLinkView } from '@kefu/contracts';
import { ErrorNotice, type UiError, toUiError } from '@kefu/ui';
import { CopyButton } from '../common/copy-button';
import { charCount } from '../common/forms';
import { SitesApi } from '../sites/sites-api';
import { SiteContext } from './site-context';

type TargetKind = FixedLinkTarget['kind'];
type LinkStyle = FixedLinkRequest['style'];

/** E2/C7: an image or text link anywhere on the site that opens a chat with a chosen agent, group or the robot. */
@Component({
  selector: 'kefu-fixed-links-page',
  imports: [TranslocoPipe, ErrorNotice, CopyButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (context.site(); as site) {
      <section class="kefu-card">
        <h2>{{ 'links.title' | transloco }}</h2>
        <form class="kefu-form" (submit)="$event.preventDefault(); generate()">
          <fieldset class="kefu-field">
            <legend>{{ 'links.style' | transloco }}</legend>
            <label class="check"
              ><input type="radio" name="style" value="text" [checked]="style() === 'text'" (change)="style.set('text')" data-testid="link-style-text" />
              {{ 'links.styleText' | transloco }}</label
            >
            <label class="check"
              ><input type="radio" name="style" value="image" [checked]="style() === 'image'" (change)="style.set('image')" data-testid="link-style-image" />
              {{ 'links.styleImage' | transloco }}</label
            >
          </fieldset>
          @if (style() === 'image') {
            <label class="kefu-field">
              <span>{{ 'links.imageUrl' | transloco }} *</span>
              <input
                type="url"
                data-testid="link-image-url"
                placeholder="https://www.example.com/chat.png"
                [value]="imageUrl()"
                (input)="imageUrl.set(valueOf($event))"
              />
            </label>
          }
          <label class="kefu-field">
            <span>{{ (style() === 'image' ? 'links.altText' : 'links.text') | transloco }}</span>
            <input
              data-testid="link-text"
              [value]="text()"
              (input)="text.set(valueOf($event))"
              [placeholder]="site.customTitle || ('links.defaultText' | transloco)"
            />
          </label>
          <fieldset class="kefu-field">
            <legend>{{ 'links.target' | transloco }}</legend>
            @for (kind of kinds; track kind) {
              <label class="check">
                <input
                  type="radio"
                  name="target"
                  [value]="kind"
                  [checked]="kind === targetKind()"
                  (change)="targetKind.set(kind)"
                  [attr.data-testid]="'link-target-' + kind"
                />
                {{ 'links.targets.' + kind | transloco }}
              </label>
            }
          </fieldset>
          @if (targetKind() === 'agent') {
            <label class="kefu-field">
              <span>{{ 'links.agent' | transloco }}</span>
              <select data-testid="link-agent" (change)="agentId.set(valueOf($event))">
                <option value="">{{ 'links.chooseAgent' | transloco }}</option>
                @for (agent of site.agents; track agent.userId) {
                  <option [value]="agent.userId" [selected]="agent.userId === agentId()">{{ agent.nickname }}</option>
                }
              </select>
            </label>
          }
          @if (targetKind() === 'group') {
            <label class="kefu-field">
              <span>{{ 'links.group' | transloco }}</span>
              <select data-testid="link-group" (change)="groupId.set(valueOf($event))">
                <option value="">{{ 'links.chooseGroup' | transloco }}</option>
                @for (group of site.groups; track group.groupId) {
                  <option [value]="group.groupId" [selected]="group.groupId === groupId()">
                    {{ group.isDefault ? ('groups.default' | transloco) : group.name }}
                  </option>
                }
              </select>
            </label>
          }
          @if (problem(); as p) {
            <small class="kefu-field__error" data-testid="link-problem">{{ p | transloco: { max: limits.fixedLinkTextMaxChars } }}</small>
          }
          <kefu-error-notice [error]="error()" />
          <div>
            <button type="submit" class="kefu-button kefu-button--primary" data-testid="link-generate" [disabled]="busy()">
              {{ 'links.generate' | transloco }}
            </button>
          </div>
        </form>
      </section>

      @if (result(); as link) {
        <section class="kefu-card" data-testid="link-result">
          <h2>{{ 'links.preview' | transloco }}</h2>
          <div class="preview" data-testid="link-preview">
            <a [href]="link.view.url" target="_blank" rel="noopener">
              @if (link.style === 'image') {
                <img [src]="link.imageUrl" [alt]="link.text" />
              } @else {
                {{ link.text || site.customTitle || ('links.defaultText' | transloco) }}
              }
            </a>
          </div>
          <div class="title">
            <h2>{{ 'links.html' | transloco }}</h2>
            <kefu-copy-button [text]="link.view.html" [fallback]="html" testId="link-html-copy" />
          </div>
          <p class="kefu-muted hint">{{ 'links.htmlHint' | transloco }}</p>
          <pre #html class="code" data-testid="link-html">{{ link.view.html }}</pre>
          <p class="kefu-muted hint">
            {{ 'links.url' | transloco }}: <code data-testid="link-url">{{ link.view.url }}</code>
          </p>
        </section>
      }
    } @else if (!context.error()) {
      <p class="kefu-muted">{{ 'common.loading' | transloco }}</p>
    }
  `,
  styles: `
    :host {
      display: grid;
      gap: 1rem;
    }
    h2 {
      font-size: 1rem;
    }
    .preview {
      padding: 1rem;
      border: 1px dashed var(--kefu-border);
      border-radius: 6px;
      margin-bottom: 1rem;
    }
    .preview img {
      max-width: 240px;
      max-height: 160px;
    }
    .title {
      display: flex;
      justify-content: space-between;
      align-items: center;
    }
    .code {
      margin: 0;
      padding: 0.75rem;
      background: #0d1117;
      color: #e6edf3;
      border-radius: 6px;
      font-size: 0.8rem;
      white-space: pre-wrap;
      word-break: break-all;
    }
    .hint {
      font-size: 0.8rem;
    }
    code {
      word-break: break-all;
    }
  `,
})
export class FixedLinksPage {
  private readonly api = inject(SitesApi);
  protected readonly context = inject(SiteContext);
  protected readonly limits = AdminLimits;
  protected readonly kinds: readonly TargetKind[] = ['auto', 'agent', 'group', 'robot'];

  protected readonly style = signal<LinkStyle>('text');
  protected readonly text = signal('');
  protected readonly imageUrl = signal('');
  protected readonly targetKind = signal<TargetKind>('auto');
  protected readonly agentId = signal('');
  protected readonly groupId = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<UiError | null>(null);
  protected readonly problem = signal<string | null>(null);
  protected readonly result = signal<{ view: FixedLinkView; style: LinkStyle; text: string; imageUrl: string } | null>(null);
  private readonly target = computed<FixedLinkTarget | null>(() => {
    switch (this.targetKind()) {
      case 'agent':
        return this.agentId() ? { kind: 'agent', agentId: this.agentId() } : null;
      case 'group':
        return this.groupId() ? { kind: 'group', groupId: this.groupId() } : null;
      case 'robot':
        return { kind: 'robot' };
      default:
        return { kind: 'auto' };
    }
  });

  protected valueOf(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected async generate(): Promise<void> {
    const target = this.target();
    const text = this.text().trim();
    const imageUrl = this.imageUrl().trim();
    const style = this.style();
    const problem = !target
      ? this.targetKind() === 'agent'
        ? 'links.chooseAgent'
        : 'links.chooseGroup'
      : style === 'image' && !/^https?:\/\/\S+$/i.test(imageUrl)
        ? 'links.imageUrlInvalid'
        : charCount(text) > AdminLimits.fixedLinkTextMaxChars
          ? 'validation.maxChars'
          : null;
    this.problem.set(problem);
    if (problem || !target || this.busy()) return;
    const request: FixedLinkRequest = { target, style };
    if (text) request.text = text;
    if (style === 'image') request.imageUrl = imageUrl;
    this.busy.set(true);
    this.error.set(null);
    try {
      const view = await this.api.fixedLink(this.context.siteId(), request);
      this.result.set({ view, style, text, imageUrl });
    } catch (e) {
      this.error.set(toUiError(e));
      this.result.set(null);
    } finally {
      this.busy.set(false);
    }
  }
}
