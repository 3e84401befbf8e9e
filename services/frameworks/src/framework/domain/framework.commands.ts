import type { FrameworkKind } from '@growth/contracts';

export interface CreateFrameworkDraft {
  readonly type: 'CreateFrameworkDraft';
  readonly frameworkId: string;
  readonly name: string;
  readonly purpose: string;
  readonly kind: FrameworkKind;
}

export interface RenameFrameworkDraft {
  readonly type: 'RenameFrameworkDraft';
  readonly frameworkId: string;
  readonly name: string;
}

export type FrameworkCommand = CreateFrameworkDraft | RenameFrameworkDraft;
