/** The server's minimum password length (core/src/auth: `z.string().min(12)` on every password). */
export const minPasswordLength = 12
