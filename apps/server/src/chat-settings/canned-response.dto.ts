import { IsString, MaxLength } from 'class-validator';
import { Limits, type CannedResponseView } from '@kefu/contracts';

/** H1/B5: one canned response, a site's or a person's own (sizes and uniqueness checked by the decider, which names the entry). */
export class CannedResponseDto implements CannedResponseView {
  @IsString() @MaxLength(Limits.cannedShortcutMaxChars * 2) shortcut!: string;
  @IsString() @MaxLength(Limits.cannedTextMaxChars * 2) text!: string;
}
