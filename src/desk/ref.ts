import { randomBytes } from 'node:crypto';
import type { Ticket } from '../store/store.js';

/**
 * A ticket's reference as buttons, prompts and posts carry it: its number and its nonce.
 * Numbers never repeat, and the nonce makes sure of it: a button or a reply made for one
 * ticket never acts on another, whatever happened to the store in between.
 */

export function newNonce(): string {
  return randomBytes(4).toString('base64url');
}

/** " · mã Ab3_x9": shown in a ticket's post, so a reply to a post the store lost still finds its ticket. */
export function nonceLabel(t: Pick<Ticket, 'nonce'>): string {
  return t.nonce ? ` · mã ${t.nonce}` : '';
}

/** Is this (number, nonce) the ticket? Tickets from before nonces accept references without one. */
export function refersTo(t: Pick<Ticket, 'nonce'>, nonce: string | undefined): boolean {
  return t.nonce === undefined ? nonce === undefined : t.nonce === nonce;
}

/** The ticket a post's text names ("Phiếu #12 · đang chờ · mã Ab3_x9"). */
export function refInPost(text: string): { id: number; nonce?: string } | undefined {
  const m = /^Phiếu #(\d+)\b[^\n]*?(?: · mã ([\w-]+))?\s*$/m.exec(text.split('\n')[0] ?? '');
  return m ? { id: Number(m[1]), nonce: m[2] } : undefined;
}
