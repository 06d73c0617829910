import type { PanelPage } from './panel-page.ts'

/**
 * Signs in through the real login form (opening /login unless the page already shows it) and
 * waits for the signed-in layout: the side menu.
 */
export async function login(panel: PanelPage, email: string, password: string): Promise<void> {
  const { page } = panel
  const form = page.locator('[data-testid=login-form]')
  if (!(await form.isVisible())) await page.goto('/login')
  await page.locator('#login-email').fill(email)
  await page.locator('#login-password').fill(password)
  await page.locator('[data-testid=login-submit]').click()
  await page.locator('[data-testid=sidebar]').waitFor()
  panel.problems.expectUnauthorized = false
}

/** Signs out through the user menu in the top bar; the panel reloads on the login page. */
export async function signOut(panel: PanelPage): Promise<void> {
  const { page } = panel
  // Requests still under way when the login ends may answer 401.
  panel.problems.expectUnauthorized = true
  await page.locator('[data-testid=user-menu]').click()
  // "Sign out" is the last entry of the user menu (after "Profile").
  await page.locator('#user-menu .p-menu-item').last().click()
  await page.locator('[data-testid=login-form]').waitFor()
}
