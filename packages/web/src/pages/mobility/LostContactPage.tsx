import { Space } from 'antd';
import { useState } from 'react';
import { usePageTitle } from '../../lib/title';
import { AbroadCandidates, Candidates } from './lost-contact/CandidatesSection';
import { Cases } from './lost-contact/CasesSection';
import { DecideModal, FlagModal } from './lost-contact/dialogs';
import { ProposeModal } from './lost-contact/ProposeModal';
import { LostMembers } from './lost-contact/StandingMembersSection';
import type { Dialog } from './lost-contact/shared';

/**
 * 失联党员 (篇七): find the lost, flag them, and walk the regulation's path with the committee; members
 * abroad beyond the policy's years take the same path with reason 出国(境). What the caller may do on
 * each list comes with the list (the server's abilities), never from a copy of the rule here.
 */
export default function LostContactPage() {
  usePageTitle('失联党员');
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Candidates onDialog={setDialog} />
      <AbroadCandidates onDialog={setDialog} />
      <LostMembers onDialog={setDialog} />
      <Cases onDialog={setDialog} />
      {dialog?.kind === 'flag' && <FlagModal d={dialog} onClose={close} />}
      {dialog?.kind === 'propose' && <ProposeModal d={dialog} onClose={close} />}
      {dialog?.kind === 'decide' && <DecideModal d={dialog} onClose={close} />}
    </Space>
  );
}
