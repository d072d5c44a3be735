export { AcknowledgeModal } from './AcknowledgeModal';
export { CompleteOutflowModal } from './CompleteOutflowModal';
export { ReturnModal, RevokeModal } from './EpisodeModals';
export { LifeModal, ReviewModal } from './RecordModals';
