/**
 * Recording an administrative action for the request's actor: who (the account or the API
 * token, with its role), how, from which address. Routes call `record(req, action, target,
 * detail)` after the action took effect; a failed login, which has no actor, names the
 * account only when it exists (a mistyped password in the name field is never stored).
 */
import type { Request } from 'express';
import type { AuditAction, AuditLog } from '../../storage/audit.js';
import { maskPersonalData } from '../../text/mask.js';
import { actorOf } from '../auth.js';

export type AuditRecorder = (req: Request, action: AuditAction, target: string, detail?: Record<string, unknown>) => Promise<void>;

export function auditRecorder(audit: AuditLog): AuditRecorder {
  return async (req, action, target, detail = {}) => {
    const actor = actorOf(req);
    await audit.record({ actor: actor.name, role: actor.role, via: actor.via, ip: req.ip ?? '', action, target, detail });
  };
}

/** A free-text note written by staff may quote a citizen: masked like everything stored. */
export function maskNote(note: string | null): string | null {
  return note === null ? null : maskPersonalData(note);
}
