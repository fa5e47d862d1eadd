import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { ChatRecordView, RegionView, SourceView } from '@kefu/contracts';
import { ErrorNotice, LocalTimePipe, SessionStore, type UiError, injectActiveLanguage, toUiError } from '@kefu/ui';
import { canAudit } from '../audit/audit-access';
import { regionText } from '../reporting/format';
import { sourceText } from '../reporting/source-text';
import { RecordsApi } from './records-api';
import { Transcript } from './transcript';

@Component({
  selector: 'kefu-chat-record-page',
  imports: [RouterLink, TranslocoPipe, ErrorNotice, LocalTimePipe, Transcript],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section>
      <div class="links">
        <a [routerLink]="['/sites', siteId(), 'chats']" queryParamsHandling="preserve" class="back">← {{ 'records.title' | transloco }}</a>
        @if (auditor()) {
          <a [routerLink]="['/audit']" [queryParams]="{ kind: 'chat', id: chatId() }" data-testid="record-audit">{{ 'audit.open' | transloco }}</a>
        }
      </div>
      <kefu-error-notice [error]="error()" />
      @if (record(); as r) {
        <h1>{{ 'records.chatWith' | transloco: { visitor: r.visitorName } }}</h1>
        <div class="layout">
          <section class="kefu-card">
            <kefu-transcript [events]="r.transcript" />
          </section>
          <aside class="kefu-card info">
            <h2>{{ 'records.summary' | transloco }}</h2>
            <dl>
              <dt>{{ 'records.status' | transloco }}</dt>
              <dd>
                <span class="status status--{{ r.status }}">{{ 'status.' + r.status | transloco }}</span>
              </dd>
              <dt>{{ 'records.agent' | transloco }}</dt>
              <dd>{{ r.agent?.name ?? ('common.none' | transloco) }}</dd>
              <dt>{{ 'records.requestedAt' | transloco }}</dt>
              <dd>{{ r.requestedAt | localTime: lang() }}</dd>
              @if (r.closedAt) {
                <dt>{{ 'records.closedAt' | transloco }}</dt>
                <dd>{{ r.closedAt | localTime: lang() }}</dd>
              }
              <dt>{{ 'records.messages' | transloco }}</dt>
              <dd>{{ r.messageCount }}</dd>
              @if (r.category) {
                <dt>{{ 'records.category' | transloco }}</dt>
                <dd data-testid="record-category">{{ r.category }}</dd>
              }
              @if (r.rating; as rating) {
                <dt>{{ 'records.rating' | transloco }}</dt>
                <dd data-testid="record-rating">
                  {{ 'records.stars' | transloco: { score: rating.score } }}
                  @if (rating.suggestion) {
                    <br /><span class="kefu-muted">{{ rating.suggestion }}</span>
                  }
                </dd>
              }
              <dt>{{ 'records.page' | transloco }}</dt>
              <dd class="wrap">
                {{ r.page.title }}<br /><span class="kefu-muted">{{ r.page.url }}</span>
              </dd>
            </dl>
            <h2>{{ 'records.visit' | transloco }}</h2>
            @if (r.visit; as v) {
              <dl data-testid="visit-info">
                <dt>{{ 'records.entryTime' | transloco }}</dt>
                <dd>{{ v.startedAt | localTime: lang() }}</dd>
                <dt>{{ 'records.exitTime' | transloco }}</dt>
                <dd data-testid="visit-exit">{{ v.exitAt ? (v.exitAt | localTime: lang()) : ('records.stillOnSite' | transloco) }}</dd>
                @if (v.region) {
                  <dt>{{ 'records.region' | transloco }}</dt>
                  <dd data-testid="visit-region">{{ regionOf(v.region) || ('common.none' | transloco) }}</dd>
                }
                @if (v.source; as source) {
                  <dt>{{ 'records.source' | transloco }}</dt>
                  <dd data-testid="visit-source">{{ sourceOf(source) }}</dd>
                  @if (source.keyword) {
                    <dt>{{ 'records.keyword' | transloco }}</dt>
                    <dd data-testid="visit-keyword">{{ source.keyword }}</dd>
                  }
                }
                @if (v.device; as device) {
                  <dt>{{ 'records.device' | transloco }}</dt>
                  <dd>{{ 'device.' + device.type | transloco }} · {{ device.os }} · {{ device.browser }}</dd>
                }
                <dt>{{ 'records.entryPage' | transloco }}</dt>
                <dd class="wrap">
                  {{ v.entryTitle }}<br /><span class="kefu-muted">{{ v.entryUrl }}</span>
                </dd>
                <dt>{{ 'records.referrer' | transloco }}</dt>
                <dd class="wrap">{{ v.referrer || ('records.direct' | transloco) }}</dd>
                <dt>{{ 'records.ip' | transloco }}</dt>
                <dd>{{ v.ip }}</dd>
                <dt>{{ 'records.userAgent' | transloco }}</dt>
                <dd class="wrap kefu-muted">{{ v.userAgent }}</dd>
              </dl>
            } @else {
              <p class="kefu-muted">{{ 'common.none' | transloco }}</p>
            }
          </aside>
        </div>
      } @else if (!error()) {
        <p class="kefu-muted">{{ 'common.loading' | transloco }}</p>
      }
    </section>
  `,
  styles: `
    .links {
      display: flex;
      justify-content: space-between;
      font-size: 0.875rem;
    }
    .back {
      text-decoration: none;
    }
    h1 {
      margin: 0.5rem 0 1rem;
    }
    .layout {
      display: grid;
      grid-template-columns: minmax(0, 2fr) minmax(260px, 1fr);
      gap: 1rem;
      align-items: start;
    }
    @media (max-width: 860px) {
      .layout {
        grid-template-columns: 1fr;
      }
    }
    .info h2 {
      font-size: 0.95rem;
      margin-top: 0.5rem;
    }
    dl {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 0.35rem 0.75rem;
      margin: 0 0 1rem;
      font-size: 0.875rem;
    }
    dt {
      color: var(--kefu-muted);
    }
    dd {
      margin: 0;
    }
    .wrap {
      word-break: break-all;
    }
  `,
})
export class ChatRecordPage {
  private readonly records = inject(RecordsApi);
  private readonly transloco = inject(TranslocoService);
  protected readonly lang = injectActiveLanguage();
  private readonly session = inject(SessionStore);
  protected readonly auditor = computed(() => canAudit(this.session.user()?.roles));

  readonly siteId = input.required<string>();
  readonly chatId = input.required<string>();

  protected readonly record = signal<ChatRecordView | null>(null);
  protected readonly error = signal<UiError | null>(null);

  protected regionOf(region: RegionView): string {
    return regionText(region, this.lang());
  }

  protected sourceOf(source: SourceView): string {
    return sourceText(source, (k, p) => this.transloco.translate(k, p));
  }

  constructor() {
    effect(() => {
      const siteId = this.siteId();
      const chatId = this.chatId();
      this.record.set(null);
      this.error.set(null);
      this.records.get(siteId, chatId).then(
        (record) => this.record.set(record),
        (e: unknown) => this.error.set(toUiError(e)),
      );
    });
  }
}
