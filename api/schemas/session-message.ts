import { Type } from 'typebox';
import {
  MESSAGE_AUDIENCES,
  MESSAGE_BODY_MAX,
  MESSAGE_SUBJECT_MAX,
} from '../../workflows/messages/session-message.ts';
import { literalUnion } from './literal-union.ts';
import { oneLine } from './one-line.ts';

/** Line breaks and tabs are the only control characters a message's text keeps. */
const MESSAGE_BODY_PATTERN =
  '^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*\\S[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$';

export const SessionMessageBodySchema = Type.Object(
  {
    audience: literalUnion(
      MESSAGE_AUDIENCES,
      'participants: everyone registered; facilitators: those who accepted; both: each address once',
    ),
    subject: oneLine(MESSAGE_SUBJECT_MAX, "The e-mail's subject, as the recipients read it"),
    body: Type.String({
      minLength: 1,
      maxLength: MESSAGE_BODY_MAX,
      pattern: MESSAGE_BODY_PATTERN,
      description: 'Plain text; line breaks are kept, markup is shown as typed',
    }),
  },
  { additionalProperties: false },
);

export const SessionMessageSentSchema = Type.Object({
  messageId: Type.String({ format: 'uuid' }),
  audience: literalUnion(MESSAGE_AUDIENCES),
  recipients: Type.Integer({ minimum: 1, description: 'How many people the e-mail went to, one each' }),
});
