import { Inject, Injectable } from '@nestjs/common';
import { Temporal } from 'temporal-polyfill';
import { DomainError } from '@kefu/domain';
import type { Granularity } from '@kefu/contracts';
import type { ReadStore } from '@kefu/read-store';
import { currentMonth, DEFAULT_ZONE, SITES, TEAM_AGENTS, type SiteDoc, type TeamAgentDoc } from '@kefu/projections';
import type { Principal } from '../auth/principal';
import { Clock } from '../platform/clock';
import { parseId } from '../platform/http';
import { READ_STORE } from '../platform/tokens';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Longest period a report or a search covers; hourly series are capped at a year of hours. */
const MAX_DAYS = 3 * 366;
const MAX_HOUR_DAYS = 366;

export interface SiteScope {
  siteId: string;
  orgId: string;
  timeZone: string;
}

/** Which site a request may read (its own organisation's, else 404) and which period it asks for. */
@Injectable()
export class ReportScope {
  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly clock: Clock,
  ) {}

  async site(p: Principal, siteId: string): Promise<SiteScope> {
    const id = parseId(siteId, 'site');
    const site = await this.reads.get<SiteDoc>(SITES, id);
    if (!site || site.orgId !== p.orgId) throw new DomainError('NOT_FOUND', 'no such site');
    return { siteId: id, orgId: site.orgId, timeZone: site.timeZone || DEFAULT_ZONE };
  }

  /** `from`/`to` local dates (both included); default: the current month of the site's time zone. */
  period(
    timeZone: string,
    from: string | undefined,
    to: string | undefined,
    granularity: Granularity = 'day',
  ): { from: string; to: string; granularity: Granularity } {
    const month = currentMonth(timeZone, Date.parse(this.clock.now()));
    const f = from ?? month.from;
    const t = to ?? (from ? f : month.to);
    for (const [name, value] of [
      ['from', f],
      ['to', t],
    ] as const) {
      if (!DATE.test(value) || !isDate(value)) throw new DomainError('INVALID', `${name} must be a date YYYY-MM-DD, got "${value.slice(0, 20)}"`);
    }
    const days = Temporal.PlainDate.from(f).until(Temporal.PlainDate.from(t)).days + 1;
    if (days < 1) throw new DomainError('INVALID', 'to must be on or after from');
    if (days > MAX_DAYS) throw new DomainError('INVALID', `a period covers at most ${MAX_DAYS} days`);
    if (granularity === 'hour' && days > MAX_HOUR_DAYS)
      throw new DomainError('INVALID', `hourly series cover at most ${MAX_HOUR_DAYS} days; ask for day or month`);
    return { from: f, to: t, granularity };
  }

  /** Agent names of an organisation, for rows that name agents. */
  async agentNames(orgId: string): Promise<Map<string, string>> {
    const docs = await this.reads.find<TeamAgentDoc>(TEAM_AGENTS, { orgId }, { projection: { agentId: 1, name: 1 } });
    return new Map(docs.map((d) => [d.agentId, d.name]));
  }
}

function isDate(value: string): boolean {
  try {
    return Temporal.PlainDate.from(value, { overflow: 'reject' }).toString() === value;
  } catch {
    return false;
  }
}
