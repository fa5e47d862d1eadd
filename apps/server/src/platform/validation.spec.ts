import type { ArgumentMetadata } from '@nestjs/common';
import * as classValidator from 'class-validator';
import { Limits } from '@kefu/contracts';
import { SendMessageWithAttachmentDto } from '../conversations/socket.dto';
import { createValidationPipe } from './validation';

const pipe = createValidationPipe();
const asMessage: ArgumentMetadata = { type: 'body', metatype: SendMessageWithAttachmentDto };
const chatId = '0b6c3f0e-8f5e-4c1e-9d55-2f1a7e4b9c01';
const clientId = '7d2a1c44-1b3e-4f6a-8c2d-9e8f7a6b5c4d';
const validate = (value: unknown) => pipe.transform(value, asMessage) as Promise<unknown>;

describe('chat:send validation on the hot path (issue 7; B3 messages, bad input refused)', () => {
  it('a usual message passes as the DTO, as the full validation would give it', async () => {
    const result = await validate({ chatId, clientId, text: '你好 <b>hi</b>' });
    expect(result).toBeInstanceOf(SendMessageWithAttachmentDto);
    expect(result).toEqual(Object.assign(new SendMessageWithAttachmentDto(), { chatId, clientId, text: '你好 <b>hi</b>' }));
  });

  it('a message with an attachment still goes through the full validation', async () => {
    await expect(validate({ chatId, clientId, text: '', attachment: { id: 'x' } })).rejects.toMatchObject({ code: 'INVALID' });
  });

  it.each([
    ['an unknown field', { chatId, clientId, text: 'hi', extra: 1 }],
    ['a missing text', { chatId, clientId }],
    ['an object where the text belongs', { chatId, clientId, text: { $gt: '' } }],
    ['a chat id that is no UUID', { chatId: 'chat-1', clientId, text: 'hi' }],
    ['a client id that is no UUID', { chatId, clientId: `${clientId}x`, text: 'hi' }],
    ['a text over the limit', { chatId, clientId, text: 'x'.repeat(Limits.messageMaxChars + 1) }],
    ['__proto__', JSON.parse(`{"chatId":"${chatId}","clientId":"${clientId}","__proto__":{"text":"hi"}}`) as unknown],
    ['an array', [chatId, clientId, 'hi']],
  ])('refuses %s with INVALID', async (_what, value) => {
    await expect(validate(value)).rejects.toMatchObject({ code: 'INVALID' });
  });

  it('the second pipe a socket payload meets (global, then the gateway’s) does not validate the DTO the first one made again', async () => {
    const spy = jest.spyOn(classValidator, 'validate');
    try {
      const gatewayPipe = createValidationPipe();
      const attachment = { chatId, clientId, text: 'see file' };
      const first = await validate(attachment);
      const callsAfterFirst = spy.mock.calls.length;
      await expect(gatewayPipe.transform(first, asMessage)).resolves.toBe(first);
      expect(spy.mock.calls.length).toBe(callsAfterFirst);
      // A plain payload is still validated by whichever pipe sees it first.
      await expect(gatewayPipe.transform({ chatId, clientId: 'nope', text: 'x' }, asMessage)).rejects.toMatchObject({ code: 'INVALID' });
    } finally {
      spy.mockRestore();
    }
  });

  it('a text of exactly the limit passes', async () => {
    await expect(validate({ chatId, clientId, text: 'x'.repeat(Limits.messageMaxChars) })).resolves.toBeInstanceOf(SendMessageWithAttachmentDto);
  });
});
