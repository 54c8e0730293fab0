import { escapeHtml } from '../common/html';

// The HTML around every portal page, and the pages that show no report: Vietnamese, no script,
// one stylesheet served next to the pages (the Content-Security-Policy allows nothing else).

export const STYLESHEET_PATH = 'assets/portal.css';

export interface DocumentParts {
  title: string;
  // Already escaped HTML.
  body: string;
  // Relative path from the page to /portal/ ('' for /portal/<token>, 'portal/' for /portal).
  base?: string;
}

export function portalDocument(parts: DocumentParts): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(parts.title)}</title>
<link rel="stylesheet" href="${escapeHtml((parts.base ?? '') + STYLESHEET_PATH)}">
</head>
<body>
${parts.body}
</body>
</html>
`;
}

function messagePage(title: string, paragraphs: string[], base?: string): string {
  const body = `<main class="page message" id="main">
<h1>${escapeHtml(title)}</h1>
${paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join('\n')}
</main>`;
  return portalDocument({ title, body, base });
}

// The same page for an unknown, expired or replaced link: it names no unit and no period.
export function notFoundPage(base?: string): string {
  return messagePage(
    'Không mở được biểu mẫu báo cáo',
    [
      'Đường liên kết không đúng, đã hết hạn hoặc đã được thay bằng đường liên kết mới.',
      'Vui lòng mở đường liên kết trong thư điện tử mới nhất, hoặc liên hệ Thường trực Ban Chỉ đạo để được cấp đường liên kết mới.',
    ],
    base,
  );
}

export function csrfFailedPage(): string {
  return messagePage('Chưa gửi được biểu mẫu', [
    'Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ, nên nội dung vừa nhập chưa được lưu.',
    'Vui lòng <a href="">tải lại biểu mẫu</a> rồi nhập và gửi lại.',
  ]);
}

function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} giây`;
  return `${Math.ceil(seconds / 60)} phút`;
}

export function tooManyRequestsPage(retryAfterSeconds: number, base?: string): string {
  return messagePage(
    'Quá nhiều lượt truy cập',
    [`Biểu mẫu nhận quá nhiều yêu cầu trong thời gian ngắn. Vui lòng thử lại sau ${escapeHtml(waitText(retryAfterSeconds))}.`, 'Nội dung đã lưu trước đó không bị mất.'],
    base,
  );
}

export function tooLargePage(): string {
  return messagePage('Nội dung gửi lên quá lớn', [
    'Biểu mẫu gửi lên vượt quá dung lượng cho phép nên chưa được lưu.',
    'Vui lòng <a href="">tải lại biểu mẫu</a>, rút gọn nội dung rồi gửi lại.',
  ]);
}

export function badRequestPage(): string {
  return messagePage('Biểu mẫu không hợp lệ', ['Nội dung gửi lên không đúng định dạng của biểu mẫu nên chưa được lưu.', 'Vui lòng <a href="">tải lại biểu mẫu</a> rồi gửi lại.']);
}

export function serverErrorPage(): string {
  return messagePage('Hệ thống đang gặp sự cố', ['Yêu cầu chưa được xử lý. Vui lòng thử lại sau ít phút.', 'Nếu vẫn không được, xin liên hệ Thường trực Ban Chỉ đạo.']);
}
