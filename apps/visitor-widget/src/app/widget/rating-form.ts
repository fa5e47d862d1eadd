import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { Limits } from '@kefu/contracts';
import { ErrorNotice } from '@kefu/ui';
import { VisitorChat } from '../visitor/visitor-chat';

/** I7: one to five stars and an optional suggestion, sent once. */
@Component({
  selector: 'kefu-rating-form',
  imports: [TranslocoPipe, ErrorNotice],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (chat.rating() === 'done') {
      @if (submitted()) {
        <p class="thanks" role="status" data-testid="rating-thanks">{{ 'rating.thanks' | transloco }}</p>
      }
    } @else if (chat.rating() !== 'hidden') {
      <form class="rating" data-testid="rating" (submit)="$event.preventDefault(); submit()">
        <p class="title">{{ 'rating.title' | transloco }}</p>
        <div class="stars" role="radiogroup" [attr.aria-label]="'rating.title' | transloco">
          @for (star of stars; track star) {
            <button
              type="button"
              class="star"
              role="radio"
              data-testid="rating-star"
              [attr.data-score]="star"
              [class.star--on]="star <= (hover() || score())"
              [attr.aria-checked]="star === score()"
              [attr.aria-label]="'rating.scores.' + star | transloco"
              [title]="'rating.scores.' + star | transloco"
              (mouseenter)="hover.set(star)"
              (mouseleave)="hover.set(0)"
              (click)="score.set(star)"
            >
              ★
            </button>
          }
        </div>
        <p class="label" data-testid="rating-label">{{ score() ? ('rating.scores.' + score() | transloco) : ('rating.pick' | transloco) }}</p>
        <textarea
          data-testid="rating-suggestion"
          rows="2"
          [maxLength]="maxSuggestion"
          [placeholder]="'rating.suggestion' | transloco"
          [value]="suggestion()"
          (input)="suggestion.set($any($event.target).value)"
        ></textarea>
        <kefu-error-notice [error]="chat.ratingError()" />
        <div class="actions">
          <button type="button" class="skip" data-testid="rating-skip" (click)="chat.skipRating()">{{ 'rating.skip' | transloco }}</button>
          <button type="submit" class="submit" data-testid="rating-submit" [disabled]="!score() || chat.rating() === 'sending'">
            {{ 'rating.submit' | transloco }}
          </button>
        </div>
      </form>
    }
  `,
  styles: `
    .rating {
      display: grid;
      gap: 6px;
      padding: 10px;
      border-radius: 8px;
      background: #fff;
      border: 1px solid #d1d9e0;
      font-size: 13px;
    }
    .title,
    .label {
      margin: 0;
      text-align: center;
    }
    .label {
      color: #59636e;
      font-size: 12px;
    }
    .stars {
      display: flex;
      justify-content: center;
      gap: 4px;
    }
    .star {
      border: 0;
      background: none;
      font-size: 26px;
      line-height: 1;
      color: #d1d9e0;
      cursor: pointer;
      padding: 0 2px;
    }
    .star--on {
      color: #e3a008;
    }
    textarea {
      border: 1px solid #d1d9e0;
      border-radius: 6px;
      padding: 5px 8px;
      font: inherit;
      resize: none;
    }
    .actions {
      display: flex;
      justify-content: flex-end;
      gap: 6px;
    }
    .actions button {
      border: 0;
      border-radius: 8px;
      padding: 6px 12px;
      cursor: pointer;
    }
    .skip {
      background: #eef1f4;
    }
    .submit {
      background: var(--primary, #1f6feb);
      color: #fff;
    }
    .submit:disabled {
      opacity: 0.5;
    }
    .thanks {
      margin: 0;
      text-align: center;
      color: #1a7f37;
      font-size: 13px;
    }
  `,
})
export class RatingForm {
  protected readonly chat = inject(VisitorChat);
  protected readonly stars = [1, 2, 3, 4, 5];
  protected readonly maxSuggestion = Limits.suggestionMaxChars;
  protected readonly score = signal(0);
  protected readonly hover = signal(0);
  protected readonly suggestion = signal('');
  protected readonly submitted = signal(false);

  protected async submit(): Promise<void> {
    if (!this.score()) return;
    await this.chat.rate(this.score(), this.suggestion());
    if (this.chat.rating() === 'done') this.submitted.set(true);
  }
}
