import { parse } from 'csv-parse/sync';
import { DomainError, type Role } from '@kefu/domain';
import { AdminLimits, EMPLOYEE_CSV_COLUMNS, type RejectedRow } from '@kefu/contracts';
import type { NewEmployee } from './add-employee';

type Column = (typeof EMPLOYEE_CSV_COLUMNS)[number];

/** Header names people type, in English and Chinese. */
const HEADER: Record<string, Column> = {
  email: 'email',
  'e-mail': 'email',
  邮箱: 'email',
  电子邮件: 'email',
  phone: 'phone',
  mobile: 'phone',
  手机: 'phone',
  手机号: 'phone',
  电话: 'phone',
  name: 'name',
  姓名: 'name',
  名字: 'name',
  password: 'password',
  密码: 'password',
  初始密码: 'password',
  roles: 'roles',
  role: 'roles',
  角色: 'roles',
};

const ROLE_NAMES: Record<string, Role> = {
  owner: 'owner',
  admin: 'admin',
  agent: 'agent',
  auditor: 'auditor',
  超级管理员: 'owner',
  审计员: 'auditor',
  管理员: 'admin',
  客服: 'agent',
};

export interface CsvRow {
  line: number;
  employee: NewEmployee;
}

/**
 * A2 employees from a CSV file: every well-formed row is returned with its line number; a row the
 * CSV reader cannot read (wrong number of columns, broken quotes) or whose roles are unknown is
 * reported as rejected and the rest go on. A file without a usable header is refused as a whole.
 */
export function readEmployeeCsv(csv: string): { rows: CsvRow[]; rejected: RejectedRow[] } {
  const rejected: RejectedRow[] = [];
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(csv, {
      bom: true,
      columns: (header: string[]) => header.map(columnOf),
      skip_empty_lines: true,
      relax_quotes: true,
      info: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        if (error)
          rejected.push({
            line: Number((error as { lines?: unknown }).lines ?? 0),
            code: 'INVALID',
            reason: `this line is not a readable CSV row: ${error.message.replace(/ at line \d+.*$/, '')}`,
          });
      },
    }) as unknown as { record: Record<string, string>; info: { lines: number } }[];
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError('INVALID', `the file is not CSV this import can read: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (records.length + rejected.length > AdminLimits.csvMaxRows) {
    throw new DomainError('INVALID', `at most ${AdminLimits.csvMaxRows} rows per file; split the file`);
  }
  const rows: CsvRow[] = [];
  for (const { record, info } of records) {
    const cell = (c: Column) => (record[c] ?? '').trim();
    const roleCell = cell('roles');
    const names = roleCell ? roleCell.split(/[;|、\s]+/).filter(Boolean) : ['agent'];
    const unknown = names.find((n) => !ROLE_NAMES[n.toLowerCase()]);
    if (unknown !== undefined) {
      rejected.push({
        line: info.lines,
        code: 'INVALID',
        field: 'roles',
        reason: `unknown role "${unknown.slice(0, 20)}": roles are owner, admin, agent, auditor`,
      });
      continue;
    }
    const roles = [...new Set(names.map((n) => ROLE_NAMES[n.toLowerCase()] as Role))];
    rows.push({ line: info.lines, employee: { email: cell('email'), phone: cell('phone'), name: cell('name'), password: cell('password'), roles } });
  }
  return { rows, rejected };
}

function columnOf(raw: string): Column {
  const column = HEADER[raw.trim().toLowerCase()];
  if (!column) {
    throw new DomainError(
      'INVALID',
      `unknown column "${raw.trim().slice(0, 30)}" in the first line; the columns are ${EMPLOYEE_CSV_COLUMNS.join(', ')} (or 邮箱, 手机, 姓名, 密码, 角色)`,
    );
  }
  return column;
}

/** The header must name a password, a name and an e-mail or phone column. */
export function checkHeader(csv: string): void {
  const first = csv.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const columns = first.split(',').map((c) => HEADER[c.trim().replace(/^"|"$/g, '').toLowerCase()]);
  const missing = (['name', 'password'] as const).filter((c) => !columns.includes(c));
  if (!columns.includes('email') && !columns.includes('phone')) missing.push('email or phone' as never);
  if (missing.length > 0) throw new DomainError('INVALID', `the first line must name the columns; missing: ${missing.join(', ')}`);
}
