import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { account, checkPassword, DomainError, organisation, type AccountCommand } from '@kefu/domain';
import type { AddEmployeeResponse, EmployeeView, ImportEmployeesReport, PositionResponse, RejectedRow } from '@kefu/contracts';
import type { ReadStore } from '@kefu/read-store';
import { ORGANISATIONS, USERS, type OrganisationDoc, type UserDoc } from '@kefu/projections';
import { SetAgentStatusCommand } from '../agents/set-agent-status';
import { CurrentPrincipal, Roles } from '../auth/auth.guard';
import { hashPassword } from '../auth/passwords';
import type { Principal } from '../auth/principal';
import { Clock } from '../platform/clock';
import { DeciderStreams } from '../platform/decider-streams';
import { parseId, parsePosition } from '../platform/http';
import { ProjectorService } from '../platform/projector.service';
import { READ_STORE } from '../platform/tokens';
import { createValidationPipe } from '../platform/validation';
import { toErrorBody } from '../platform/errors';
import { AddEmployeeCommand, type AddedEmployee } from './add-employee';
import { AddEmployeeDto, ImportEmployeesDto, RenameEmployeeDto, ResetPasswordDto, SetRolesDto } from './employees.dto';
import { checkHeader, readEmployeeCsv } from './employee-csv';

/** A2 employees and A3 roles: owners and admins of the organisation manage its people. */
@ApiTags('employees')
@Controller('employees')
@Roles('owner', 'admin')
export class EmployeesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly streams: DeciderStreams,
    private readonly projector: ProjectorService,
    private readonly clock: Clock,
    @Inject(READ_STORE) private readonly reads: ReadStore,
  ) {}

  @Get()
  async list(@CurrentPrincipal() p: Principal, @Query('waitFor') waitFor?: string): Promise<EmployeeView[]> {
    await this.projector.waitFor(parsePosition(waitFor));
    const [docs, org] = await Promise.all([
      this.reads.find<UserDoc>(USERS, { orgId: p.orgId }, { sort: { registeredAt: 1 } }),
      this.reads.get<OrganisationDoc>(ORGANISATIONS, p.orgId),
    ]);
    return docs.map((d) => toEmployeeView(d, org?.ownerUserId));
  }

  @Post()
  async add(@Body() body: AddEmployeeDto, @CurrentPrincipal() p: Principal): Promise<AddEmployeeResponse> {
    const added: AddedEmployee = await this.commands.execute(new AddEmployeeCommand(p, body));
    await this.projector.waitFor(added.position);
    return { ...(await this.view(p, added.userId)), position: added.position };
  }

  /**
   * A2 add many from a CSV file: the raw body as `text/csv` or JSON `{ csv }`. Each row is added or
   * rejected on its own, in file order (a later row repeating an address is rejected as taken).
   */
  @Post('import')
  @HttpCode(200)
  @ApiConsumes('text/csv', 'application/json')
  @ApiBody({
    description: 'CSV with the header email,phone,name,password,roles (or 邮箱,手机,姓名,密码,角色); at most 1 MB as text/csv (256 KB as JSON) and 1000 rows',
    schema: { oneOf: [{ type: 'string' }, { type: 'object', properties: { csv: { type: 'string' } }, required: ['csv'], additionalProperties: false }] },
  })
  async import(@Body() body: unknown, @CurrentPrincipal() p: Principal): Promise<ImportEmployeesReport> {
    const csv =
      typeof body === 'string'
        ? body
        : ((await createValidationPipe().transform(body, { type: 'body', metatype: ImportEmployeesDto })) as ImportEmployeesDto).csv;
    if (csv.trim() === '') throw new DomainError('INVALID', 'the file is empty');
    checkHeader(csv);
    const { rows, rejected } = readEmployeeCsv(csv);
    const report: ImportEmployeesReport = { added: [], rejected: [...rejected], position: 0 };
    for (const row of rows) {
      try {
        const added: AddedEmployee = await this.commands.execute(new AddEmployeeCommand(p, row.employee));
        report.added.push({ line: row.line, userId: added.userId, email: added.email, phone: added.phone, name: added.name, roles: added.roles });
        report.position = Math.max(report.position, added.position);
      } catch (error) {
        const e = toErrorBody(error);
        if (e.code === 'INTERNAL') throw error;
        const field = (e.details as { field?: string } | undefined)?.field;
        report.rejected.push({ line: row.line, code: e.code, reason: e.message, ...(field ? { field } : {}) } satisfies RejectedRow);
      }
    }
    report.rejected.sort((a, b) => a.line - b.line);
    await this.projector.waitFor(report.position);
    return report;
  }

  @Get(':userId')
  async get(@Param('userId') userId: string, @CurrentPrincipal() p: Principal, @Query('waitFor') waitFor?: string): Promise<EmployeeView> {
    await this.projector.waitFor(parsePosition(waitFor));
    return this.view(p, parseId(userId, 'employee'));
  }

  /** A3: several roles per person; only an owner touches the owner role; nobody changes their own. */
  @Put(':userId/roles')
  async setRoles(@Param('userId') userId: string, @Body() body: SetRolesDto, @CurrentPrincipal() p: Principal): Promise<PositionResponse> {
    const id = parseId(userId, 'employee');
    return this.change(p, id, { type: 'SetRoles', actor: actorOf(p), roles: body.roles, founder: await this.isFounder(p, id), now: this.clock.now() });
  }

  /** A2: correct a person's name (the console, their account page and the team panel show the new one). */
  @Put(':userId/name')
  async rename(@Param('userId') userId: string, @Body() body: RenameEmployeeDto, @CurrentPrincipal() p: Principal): Promise<PositionResponse> {
    return this.change(p, parseId(userId, 'employee'), { type: 'Rename', actor: actorOf(p), name: body.name, now: this.clock.now() });
  }

  /** A2: deactivate: no more sign-in, every session ends, the agent goes offline and frees the seat. */
  @Post(':userId/deactivate')
  @HttpCode(200)
  async deactivate(@Param('userId') userId: string, @CurrentPrincipal() p: Principal): Promise<PositionResponse> {
    const id = parseId(userId, 'employee');
    const result = await this.change(p, id, { type: 'Deactivate', actor: actorOf(p), founder: await this.isFounder(p, id), now: this.clock.now() });
    const { state } = await this.streams.load(account, id);
    const offline: { position: number } = await this.commands.execute(
      new SetAgentStatusCommand(
        { userId: id, orgId: state.orgId, email: state.email, name: state.name, roles: state.roles, sessionId: '' },
        'offline',
        'disconnected',
      ),
    );
    return { position: Math.max(result.position, offline.position) };
  }

  /** A2: a new password for someone who lost theirs; every session of theirs ends (their open sockets close). */
  @Post(':userId/password')
  @HttpCode(200)
  async resetPassword(@Param('userId') userId: string, @Body() body: ResetPasswordDto, @CurrentPrincipal() p: Principal): Promise<PositionResponse> {
    checkPassword(body.password);
    const id = parseId(userId, 'employee');
    return this.change(p, id, { type: 'ResetPassword', actor: actorOf(p), passwordHash: await hashPassword(body.password), now: this.clock.now() });
  }

  @Post(':userId/reactivate')
  @HttpCode(200)
  async reactivate(@Param('userId') userId: string, @CurrentPrincipal() p: Principal): Promise<PositionResponse> {
    return this.change(p, parseId(userId, 'employee'), { type: 'Reactivate', actor: actorOf(p), now: this.clock.now() });
  }

  private async change(p: Principal, userId: string, command: AccountCommand): Promise<PositionResponse> {
    const result = await this.streams.handle(account, userId, command, { actor: { kind: 'user', id: p.userId }, now: this.clock.now() });
    await this.projector.waitFor(result.position);
    return { position: result.position };
  }

  private async isFounder(p: Principal, userId: string): Promise<boolean> {
    const org = await this.streams.load(organisation, p.orgId);
    return org.state.ownerUserId === userId;
  }

  private async view(p: Principal, userId: string): Promise<EmployeeView> {
    const doc = await this.reads.get<UserDoc>(USERS, userId);
    if (!doc || doc.orgId !== p.orgId) throw new DomainError('NOT_FOUND', 'no such employee');
    const org = await this.reads.get<OrganisationDoc>(ORGANISATIONS, p.orgId);
    return toEmployeeView(doc, org?.ownerUserId);
  }
}

const actorOf = (p: Principal) => ({ userId: p.userId, orgId: p.orgId, roles: p.roles });

export function toEmployeeView(d: UserDoc, founderId: string | undefined): EmployeeView {
  return {
    userId: d.userId,
    orgId: d.orgId,
    email: d.email,
    phone: d.phone ?? '',
    name: d.name,
    roles: d.roles,
    active: d.active !== false,
    registeredAt: d.registeredAt,
    ...(d.deactivatedAt ? { deactivatedAt: d.deactivatedAt } : {}),
    ...(d.passwordChangedAt ? { passwordChangedAt: d.passwordChangedAt } : {}),
    isFounder: d.userId === founderId,
  };
}
