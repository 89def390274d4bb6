/**
 * A referring provider's account name as sign-up writes it (accounts.service
 * signUpReferrer): 'Name (Practice)' when a practice was given. The approval
 * list shows the two apart (issue 11). A name that itself ends in a
 * parenthesis reads as one with a practice: sign-up stores no practice field
 * of its own to tell them apart.
 */
export function referrerNameParts(displayName: string): { name: string; practice: string | null } {
  const m = /^(.*?\S)\s+\((.+)\)$/s.exec(displayName);
  return m ? { name: m[1]!, practice: m[2]! } : { name: displayName, practice: null };
}
