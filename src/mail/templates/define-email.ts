import type { EmailContent } from './content';
import type { EmailTemplate } from './email-template';
import { renderHtmlLayout, renderTextLayout } from './layout';

/**
 * An email from its two parts: the subject and the content. HTML and text are both rendered
 * from that one content object (so they cannot say different things), and `render` builds
 * the content once for all three parts.
 */
export function defineEmail<Props>(parts: {
  subject(props: Props): string;
  content(props: Props, subject: string): EmailContent;
}): EmailTemplate<Props> {
  const contentOf = (props: Props) => parts.content(props, parts.subject(props));
  return {
    subject: (props) => parts.subject(props),
    html: (props) => renderHtmlLayout(contentOf(props)),
    text: (props) => renderTextLayout(contentOf(props)),
    render(props) {
      const subject = parts.subject(props);
      const content = parts.content(props, subject);
      return { subject, html: renderHtmlLayout(content), text: renderTextLayout(content) };
    },
  };
}
