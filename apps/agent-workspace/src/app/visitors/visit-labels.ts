import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { regionInEnglish, type RegionView, type SourceView } from '@kefu/contracts';
import { injectActiveLanguage } from '@kefu/ui';

const ENGINES = ['baidu', 'google', 'bing', 'sogou', 'so360', 'shenma', 'yahoo', 'duckduckgo', 'yandex'];

/** Where a visitor came from: direct, a search engine (with the keyword) or a referring site. */
@Component({
  selector: 'kefu-visit-source',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `@switch (source().kind) {
    @case ('search') {
      <span data-testid="visit-source">{{
        'visitors.search' | transloco: { engine: knownEngine() ? ('visitors.engines.' + source().engine | transloco) : source().host }
      }}</span>
      @if (source().keyword && showKeyword()) {
        <span class="keyword" data-testid="visit-keyword">{{ 'visitors.keyword' | transloco: { keyword: source().keyword } }}</span>
      }
    }
    @case ('referral') {
      <span data-testid="visit-source">{{ 'visitors.referral' | transloco: { host: source().host } }}</span>
    }
    @default {
      <span data-testid="visit-source">{{ 'visitors.direct' | transloco }}</span>
    }
  }`,
  styles: `
    .keyword {
      display: block;
      font-size: 0.85em;
      color: var(--kefu-muted);
    }
  `,
})
export class VisitSource {
  readonly source = input.required<SourceView>();
  readonly showKeyword = input(true);
  protected readonly knownEngine = computed(() => ENGINES.includes(this.source().engine));
}

/** Province and city as ip2region names them (in English when the workspace is); unknown when empty. */
export function regionText(raw: RegionView, lang?: string): string {
  const region = lang === 'en' ? regionInEnglish(raw) : raw;
  const parts = [region.province, region.city].filter((part, i, all) => part && part !== '0' && all.indexOf(part) === i);
  if (parts.length) return parts.join(' ');
  return region.country && region.country !== '0' ? region.country : '';
}

@Component({
  selector: 'kefu-visit-region',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span data-testid="visit-region">{{ text() || ('visitors.unknownRegion' | transloco) }}</span>`,
})
export class VisitRegion {
  readonly region = input.required<RegionView>();
  private readonly lang = injectActiveLanguage();
  protected readonly text = computed(() => regionText(this.region(), this.lang()));
}
