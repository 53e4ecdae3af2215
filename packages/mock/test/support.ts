export const BASIC = `Basic ${Buffer.from('till:5f4dcc3b5aa765d61d8327deb882cf99').toString('base64')}`;
export const PATH = '/v3/users/566881933/targetGroups';

export { freedWithin, freePort, listening } from '@target-groups/spec/testing';
