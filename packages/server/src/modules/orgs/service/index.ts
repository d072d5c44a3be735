// The orgs service, one file a concern: the tree and its records, restructuring, posts.
export { addPost, removePost } from './posts.js';
export { dissolveOrg, mergeOrg, moveOrg, promoteGroup } from './restructure.js';
export { createOrg, getOrg, listChildren, listOrgs, type OrgInput, updateOrg } from './tree.js';
