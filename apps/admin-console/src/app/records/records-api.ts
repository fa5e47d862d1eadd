import { Injectable, inject } from '@angular/core';
import type { ChatRecordView, ChatSummaryView } from '@kefu/contracts';
import { ApiClient, WritePosition } from '@kefu/ui';

@Injectable({ providedIn: 'root' })
export class RecordsApi {
  private readonly api = inject(ApiClient);
  private readonly writes = inject(WritePosition);

  /** Newest first. */
  list(siteId: string): Promise<ChatSummaryView[]> {
    return this.api.get<ChatSummaryView[]>(`/sites/${encodeURIComponent(siteId)}/chats`, { waitFor: this.writes.value() });
  }

  get(siteId: string, chatId: string): Promise<ChatRecordView> {
    return this.api.get<ChatRecordView>(`/sites/${encodeURIComponent(siteId)}/chats/${encodeURIComponent(chatId)}`, {
      waitFor: this.writes.value(),
    });
  }
}
