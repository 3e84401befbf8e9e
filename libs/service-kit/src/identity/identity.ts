/** Who is calling, as verified by the gateway and vouched for with a signature. */
export interface Identity {
  tenantId: string;
  actorId: string;
  roles: string[];
  requestId: string;
}
