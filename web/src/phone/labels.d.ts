// The web app's text tables imported as `…/zh.json?labels` or `…/en.json?labels` (phone/messages.ts):
// Vite reads them as JSON with named exports; both tables have the same shape.
declare module '*.json?labels' {
  export const enums: (typeof import('../i18n/zh.json'))['enums'];
}
