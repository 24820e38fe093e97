import { ProgrammeListPage } from './programmes';
import './delivery.css';

/** /console/groups — 小组工作: the agency's groups, their sessions held against those planned, their members. */
export default function GroupsPage() {
  return <ProgrammeListPage kind="group" />;
}
