import { ProgrammeListPage } from './programmes';
import './delivery.css';

/** /console/activities — 社区活动: the agency's community activities, their sessions and head counts. */
export default function ActivitiesPage() {
  return <ProgrammeListPage kind="activity" />;
}
