import type { SchemaIndex } from '../profilexml/schema';
import type { WorkspaceIndex } from '../workspace/index';
import type { ServiceDocuments } from './documents';
import type { Findings } from './findings';

/** What the feature modules of one language service share (languageService.ts builds it). */
export interface FeatureContext {
  readonly schema: SchemaIndex;
  readonly documents: ServiceDocuments;
  readonly workspace: WorkspaceIndex;
  readonly findings: Findings;
}
