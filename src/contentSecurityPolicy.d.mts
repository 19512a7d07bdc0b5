export function inlineHashes(html: string): { scripts: string[]; styles: string[] }
export function cachedPagePolicy(html: string, publicUrl: string): string
export function dynamicPagePolicy(nonce: string, publicUrl: string): string
export function adminPolicy(nonce: string, publicUrl: string): string
export function plainPagePolicy(stylesheet: string, publicUrl: string): string
export function transportSecurity(publicUrl: string): string | undefined
export function queueBoardPolicy(publicUrl: string): string
