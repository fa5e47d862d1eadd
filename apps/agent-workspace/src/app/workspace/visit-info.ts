import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { LocalTimePipe, injectActiveLanguage } from '@kefu/ui';
import { VisitRegion, VisitSource } from '../visitors/visit-labels';
import { VisitorBoard, formatDuration } from '../visitors/visitor-board';

/** B3: the chatting visitor's visit (entry, region, source, keyword, device) and live page trail. */
@Component({
  selector: 'kefu-visit-info',
  imports: [TranslocoPipe, LocalTimePipe, VisitRegion, VisitSource],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h3>{{ 'visit.title' | transloco }}</h3>
    @if (visit(); as v) {
      @if (!v.online) {
        <p class="left" data-testid="visit-left">{{ 'visit.left' | transloco }}</p>
      }
      <dl data-testid="visit-info">
        <dt>{{ 'visit.entry' | transloco }}</dt>
        <dd data-testid="visit-entry">
          <time [attr.datetime]="v.startedAt">{{ v.startedAt | localTime: lang() }}</time>
          @if (v.online) {
            <span class="kefu-muted">({{ onSite() }})</span>
          }
        </dd>
        @if (v.trail[0]; as entry) {
          <dt>{{ 'visit.entryPage' | transloco }}</dt>
          <dd class="url">
            <a [href]="entry.url" target="_blank" rel="noopener noreferrer">{{ entry.title || entry.url }}</a>
          </dd>
        }
        <dt>{{ 'visit.region' | transloco }}</dt>
        <dd><kefu-visit-region [region]="v.region" /></dd>
        <dt>{{ 'visit.source' | transloco }}</dt>
        <dd><kefu-visit-source [source]="v.source" [showKeyword]="false" /></dd>
        <dt>{{ 'visit.keyword' | transloco }}</dt>
        <dd data-testid="visit-keyword">{{ v.source.keyword || ('common.none' | transloco) }}</dd>
        <dt>{{ 'visit.device' | transloco }}</dt>
        <dd data-testid="visit-device">
          {{ 'visit.deviceType.' + v.device.type | transloco }}
          @if (v.device.os || v.device.browser) {
            <span class="kefu-muted">· {{ [v.device.os, v.device.browser].join(' ').trim() }}</span>
          }
        </dd>
      </dl>
      <h3>
        {{ 'visit.trail' | transloco }} <span class="kefu-muted">({{ v.pages }})</span>
      </h3>
      <ol class="trail" data-testid="page-trail">
        @for (page of v.trail; track $index) {
          <li data-testid="trail-item" [class.current]="$last && v.online">
            <time [attr.datetime]="page.at">{{ page.at | localTime: lang() : 'time' }}</time>
            <a [href]="page.url" target="_blank" rel="noopener noreferrer" [title]="page.url">{{ page.title || page.url }}</a>
          </li>
        }
      </ol>
    } @else {
      <p class="kefu-muted">{{ 'visit.loading' | transloco }}</p>
    }
  `,
  styles: `
    :host {
      display: block;
      padding: 0.75rem 1rem;
      font-size: 0.82rem;
      overflow-y: auto;
      background: #fff;
      border-left: 1px solid var(--kefu-border);
    }
    h3 {
      font-size: 0.9rem;
      margin: 0.25rem 0 0.5rem;
    }
    dl {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 0.2rem 0.6rem;
      margin: 0 0 1rem;
    }
    dt {
      color: var(--kefu-muted);
      white-space: nowrap;
    }
    dd {
      margin: 0;
      min-width: 0;
    }
    .url a,
    .trail a {
      display: block;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .trail {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.3rem;
    }
    .trail li {
      display: grid;
      grid-template-columns: auto minmax(0, 1fr);
      gap: 0.5rem;
      padding-left: 0.4rem;
      border-left: 2px solid var(--kefu-border);
    }
    .trail li.current {
      border-left-color: var(--kefu-success);
      font-weight: 600;
    }
    time {
      color: var(--kefu-muted);
      font-variant-numeric: tabular-nums;
    }
    .left {
      margin: 0 0 0.5rem;
      padding: 0.3rem 0.5rem;
      background: #eef1f4;
      border-radius: 6px;
    }
  `,
})
export class VisitInfo {
  private readonly board = inject(VisitorBoard);
  protected readonly lang = injectActiveLanguage();
  readonly visitId = input.required<string>();

  protected readonly visit = computed(() => this.board.visit(this.visitId()));
  protected readonly onSite = computed(() => {
    const visit = this.visit();
    return visit ? formatDuration(this.board.now() - Date.parse(visit.startedAt)) : '';
  });

  constructor() {
    effect(() => {
      const visitId = this.visitId();
      if (!this.visit()) untracked(() => void this.board.fetch(visitId));
    });
  }
}
