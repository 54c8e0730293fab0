// The portal's only stylesheet, served at /portal/assets/portal.css: small-screen first, large
// tap targets, a visible focus ring, and colours with enough contrast (WCAG AA).
export const PORTAL_CSS = `*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;font-size:1rem;line-height:1.5;color:#1b1b1b;background:#f3f4f6}
a{color:#0b4f9c}
a:hover{color:#083a73}
:focus-visible{outline:3px solid #f5a000;outline-offset:2px}
.page{max-width:44rem;margin:0 auto;padding:1rem}
.masthead{background:#9b1c1c;color:#fff;padding:1rem}
.masthead .inner{max-width:44rem;margin:0 auto}
.masthead p{margin:0;font-size:.875rem;text-transform:uppercase;letter-spacing:.02em}
.masthead h1{margin:.25rem 0 0;font-size:1.375rem;line-height:1.3}
.masthead .unit{margin-top:.25rem;font-size:1.0625rem;text-transform:none;letter-spacing:0;font-weight:600}
h1{font-size:1.5rem;line-height:1.3}
h2{font-size:1.1875rem;margin:0 0 .5rem;line-height:1.3}
h3{font-size:1.0625rem;margin:0 0 .25rem}
.card{background:#fff;border:1px solid #d1d5db;border-radius:.5rem;padding:1rem;margin:0 0 1rem}
fieldset.card{min-width:0}
fieldset{border:0;padding:0;margin:0}
legend{padding:0;margin:0 0 .5rem;font-weight:600}
fieldset.card>legend{float:left;width:100%}
fieldset.card>legend+*{clear:both}
.task{margin-top:1.25rem}
.task>legend{float:left;width:100%;font-weight:600;border-top:1px solid #e5e7eb;padding-top:.75rem}
.task>legend+*{clear:both}
.meta{color:#4b5563;font-size:.9375rem;margin:.125rem 0 .5rem}
.badge{display:inline-block;padding:0 .4rem;border-radius:.25rem;font-size:.8125rem;font-weight:600;background:#e5e7eb;color:#1f2937}
.badge.overdue{background:#fde2e2;color:#8a1111}
.choices{display:flex;flex-direction:column;gap:.25rem;margin:.25rem 0 .5rem}
.choice{display:flex;align-items:center;gap:.5rem;min-height:2.75rem;padding:0 .25rem}
.choice input{width:1.375rem;height:1.375rem;margin:0;flex:none}
label{display:block;font-weight:600;margin:.5rem 0 .25rem}
.choice label{display:inline;font-weight:400;margin:0}
.hint{color:#4b5563;font-size:.9375rem;margin:0 0 .25rem}
input[type=text],textarea{display:block;width:100%;font:inherit;padding:.625rem .75rem;border:2px solid #6b7280;border-radius:.375rem;background:#fff;color:inherit}
input[type=text]{max-width:14rem}
textarea{min-height:8rem;resize:vertical}
textarea.note{min-height:4.5rem}
.field{margin:0 0 1rem}
.field.invalid input,.field.invalid textarea,.invalid textarea{border-color:#b91c1c}
.field-error{color:#b91c1c;font-weight:600;margin:.25rem 0}
.error-summary{border:3px solid #b91c1c;background:#fff;padding:1rem;margin:0 0 1rem;border-radius:.5rem}
.error-summary h2{color:#b91c1c}
.error-summary ul{margin:0;padding-left:1.25rem}
.error-summary a{color:#b91c1c;font-weight:600}
.notice{border-left:6px solid #0b4f9c;background:#fff;padding:.75rem 1rem;margin:0 0 1rem;border-radius:.25rem}
.notice.success{border-color:#15803d}
.notice.warning{border-color:#b45309}
.notice.danger{border-color:#b91c1c}
.notice p{margin:.25rem 0}
.comment{white-space:pre-wrap;background:#f9fafb;border:1px solid #e5e7eb;padding:.5rem .75rem;border-radius:.25rem}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin:1rem 0 2rem}
button{font:inherit;font-weight:600;min-height:3rem;padding:.625rem 1.25rem;border-radius:.375rem;border:2px solid #0b4f9c;background:#fff;color:#0b4f9c;cursor:pointer;flex:1 1 12rem}
button.primary{background:#0b4f9c;color:#fff}
button:hover{background:#e8f0fb}
button.primary:hover{background:#083a73}
input[type=file]{display:block;width:100%;font:inherit;padding:.5rem;border:2px dashed #6b7280;border-radius:.375rem;background:#fff;color:inherit}
input[type=file]::file-selector-button{display:block;width:100%;font:inherit;font-weight:600;min-height:2.75rem;padding:.5rem 1rem;margin:0 0 .5rem;border:2px solid #0b4f9c;border-radius:.375rem;background:#fff;color:#0b4f9c;cursor:pointer}
.files{list-style:none;margin:0 0 1rem;padding:0}
.files li{display:flex;align-items:center;gap:.75rem;padding:.5rem 0;border-bottom:1px solid #e5e7eb}
.files .file{flex:1 1 auto;min-width:0;overflow-wrap:anywhere}
.file-size{display:block;color:#4b5563;font-size:.9375rem}
.files button{flex:none;min-height:2.75rem;padding:.375rem 1rem;border-color:#b91c1c;color:#b91c1c}
.files button:hover{background:#fdecec}
.field-note{color:#92400e;font-weight:600;margin:.25rem 0}
dl{margin:0}
dt{font-weight:600;margin-top:.5rem}
dd{margin:0 0 .25rem;white-space:pre-wrap}
.values{width:100%;border-collapse:collapse}
.values th,.values td{text-align:left;padding:.375rem .25rem;border-bottom:1px solid #e5e7eb;vertical-align:top}
.values td.number{text-align:right;white-space:nowrap}
.visually-hidden{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
.message h1{margin-top:1.5rem}
footer{color:#4b5563;font-size:.875rem;text-align:center;padding:1rem}
@media (min-width:40rem){.choices{flex-direction:row;flex-wrap:wrap;gap:.25rem 1.25rem}.masthead h1{font-size:1.625rem}input[type=file]::file-selector-button{display:inline-block;width:auto;margin:0 .75rem 0 0}}
`;
