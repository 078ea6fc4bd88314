export { createMembersService, type MembersService } from '#modules/members/members.service.js';
export type { Member, MemberStatus, MemberSummary, Site } from '#modules/members/members.rows.js';
export type { CreateMemberInput, AddSiteInput } from '#modules/members/members.schemas.js';
export { parsePolygon, POLYGON_REQUIRED_ABOVE_M2, type Polygon } from '#modules/members/sites.geometry.js';
export { createMemberProfileService, type MemberProfileService, type MemberProfile, type Certification } from '#modules/members/profile.service.js';
export { createMemberPagesRouter, createMemberWorkspaceRouter } from '#modules/members/members.router.js';
