import { FastifyReply } from 'fastify';

// Every portal response carries these, pages and errors alike: the page loads nothing but its
// stylesheet, posts only to itself, is never framed, cached or sent as a referrer (the token is in
// its URL).
export const PORTAL_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

export type PortalResponse =
  { kind: 'page'; status: number; html: string; headers?: Record<string, string> } | { kind: 'redirect'; location: string } | { kind: 'stylesheet'; css: string };

export function sendPortalResponse(reply: FastifyReply, response: PortalResponse): void {
  void reply.headers(PORTAL_SECURITY_HEADERS);
  switch (response.kind) {
    case 'page':
      void reply
        .status(response.status)
        .headers(response.headers ?? {})
        .header('content-type', 'text/html; charset=utf-8')
        .send(response.html);
      return;
    case 'redirect':
      // 303: the browser follows with a GET, so reloading the page does not post the form again.
      void reply.status(303).header('location', response.location).send();
      return;
    case 'stylesheet':
      void reply.status(200).header('content-type', 'text/css; charset=utf-8').send(response.css);
      return;
  }
}
