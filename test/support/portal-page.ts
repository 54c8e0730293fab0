// What a test reads off a portal page to post its form back: the CSRF field and the cookie.

export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('the page has no CSRF field');
  return match[1];
}

export function cookieFrom(headers: Headers): string {
  const setCookie = headers.get('set-cookie');
  if (!setCookie) throw new Error('the page set no cookie');
  return setCookie.split(';')[0];
}
